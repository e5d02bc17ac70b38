// Material for MkDocs' partials/javascripts/base.html, moved into a file so that the
// Content-Security-Policy lists only constant inline scripts (SECURITY.md item 24).
// The scope is the site root: this file lives at <root>/assets/.
__md_scope=new URL("..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
